import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';

/**
 * The rule every sensor and actuator follows: it serves one agent at a time and none after dispose.
 * @param owner - names it in the error, e.g. `RaySensor 'rays'`
 * @param kind - 'sensor' or 'actuator', for the message
 * @returns false when it is already attached to `next` (nothing to do), true when `next` is a new agent
 * @throws DOMException named 'InvalidStateError' when it is disposed or attached to another node
 */
export function checkAttach(owner: string, kind: 'sensor' | 'actuator', current: TransformNode | null, next: TransformNode, disposed: boolean): boolean {
  if (disposed) throw new DOMException(`${owner}: cannot attach a disposed ${kind}`, 'InvalidStateError');
  if (current === next) return false;
  if (current) {
    throw new DOMException(`${owner} is attached to '${current.name}': detach it before attaching it to '${next.name}'`, 'InvalidStateError');
  }
  return true;
}
