import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { Tensor } from '../runtime/tensor.js';
import type { ActionBuffers } from './action-spec.js';
import type { DecisionClient } from './decision-client.js';
import { SpecMismatchError } from './errors.js';
import type { DecisionBatch, Policy } from './policy.js';

/** Frames longer than this are treated as this long, so a stalled tab does not teleport agents. */
const MAX_FRAME_MS = 100;

/** The agents of one frame that decide together: same policy, same scheduler, same sensor layout. */
interface Group {
  policy: Policy;
  clients: DecisionClient[];
  observations: Float32Array[];
}

const batchers = new WeakMap<Scene, DecisionBatcher>();

/** Stable agent ids for {@link DecisionBatch.agentIds}: one per client for its lifetime, unique in the page. */
const agentIds = new WeakMap<DecisionClient, number>();
let nextAgentId = 0;

function agentIdOf(client: DecisionClient): number {
  let id = agentIds.get(client);
  if (id === undefined) agentIds.set(client, (id = nextAgentId++));
  return id;
}

/** Seconds of the current frame: Babylon's constant 16 ms when the scene asks for it, else the measured delta. */
function frameSeconds(scene: Scene): number {
  const ms = scene.useConstantAnimationDeltaTime ? 16 : scene.deltaTime || scene.getEngine().getDeltaTime();
  return Math.min(Math.max(ms || 0, 0), MAX_FRAME_MS) / 1000;
}

/**
 * Per-scene decision loop shared by every {@link CollaboratorBehavior} of the scene: each frame it lets agents
 * sample and act, then gathers the agents due to decide and calls `decide()` once per policy for all of them.
 * Created when the first agent of a scene attaches, removed (with its scene observer) when the last detaches.
 * Internal to the package: users see it through the behaviours.
 */
export class DecisionBatcher {
  private readonly clients = new Set<DecisionClient>();
  private readonly inFlight = new Set<DecisionClient>();
  /** Agents whose expensive sensors are updating as scheduler tasks. */
  private readonly preparing = new Set<DecisionClient>();
  /** Agents whose expensive sensors are up to date: they decide in the next frame. */
  private readonly prepared = new Set<DecisionClient>();
  private readonly frameObserver: Observer<Scene>;
  private readonly disposeObserver: Observer<Scene>;
  private frameIndex = 0;
  private registrations = 0;

  private constructor(private readonly scene: Scene) {
    this.frameObserver = scene.onBeforeRenderObservable.add(() => this.runFrame());
    this.disposeObserver = scene.onDisposeObservable.add(() => this.dispose());
  }

  /** The scene's batcher, created on first use. */
  static forScene(scene: Scene): DecisionBatcher {
    let batcher = batchers.get(scene);
    if (!batcher) {
      batcher = new DecisionBatcher(scene);
      batchers.set(scene, batcher);
    }
    return batcher;
  }

  /** The batcher's frame counter: frames run since it was created. */
  get frame(): number {
    return this.frameIndex;
  }

  /** Number of agents registered. */
  get size(): number {
    return this.clients.size;
  }

  /** Adds an agent; returns its stagger slot (0, 1, 2, ... in registration order). */
  register(client: DecisionClient): number {
    this.clients.add(client);
    return this.registrations++;
  }

  /** Removes an agent; the batcher disposes itself when none is left. A decision in flight is dropped. */
  unregister(client: DecisionClient): void {
    this.clients.delete(client);
    this.inFlight.delete(client);
    this.preparing.delete(client);
    this.prepared.delete(client);
    if (this.clients.size === 0) this.dispose();
  }

  private runFrame(): void {
    const dt = frameSeconds(this.scene);
    const frame = this.frameIndex++;
    const groups = new Map<Policy, Map<unknown, Map<string, Group>>>();
    for (const client of this.clients) {
      client.frame(dt);
      if (this.inFlight.has(client) || this.preparing.has(client)) continue;
      const prepared = this.prepared.delete(client);
      if (!prepared && (!client.isDue(frame) || this.startPreparing(client))) continue;
      let observation: Float32Array;
      try {
        observation = client.observe(frame, prepared);
      } catch (error) {
        client.fail(error);
        continue;
      }
      const group = this.groupFor(groups, client);
      group.clients.push(client);
      group.observations.push(observation);
    }
    for (const bySchedulers of groups.values()) {
      for (const byLayout of bySchedulers.values()) {
        for (const group of byLayout.values()) this.decide(group, frame);
      }
    }
  }

  /** Starts the client's expensive sensor updates; true when it must wait for them. */
  private startPreparing(client: DecisionClient): boolean {
    let pending: Promise<void> | null;
    try {
      pending = client.prepare();
    } catch (error) {
      client.fail(error);
      return true;
    }
    if (!pending) return false;
    this.preparing.add(client);
    pending.then(
      () => this.preparing.delete(client) && this.prepared.add(client),
      (error: unknown) => this.preparing.delete(client) && client.fail(error),
    );
    return true;
  }

  private groupFor(groups: Map<Policy, Map<unknown, Map<string, Group>>>, client: DecisionClient): Group {
    const policy = client.activePolicy;
    let bySchedulers = groups.get(policy);
    if (!bySchedulers) groups.set(policy, (bySchedulers = new Map()));
    let byLayout = bySchedulers.get(client.scheduler);
    if (!byLayout) bySchedulers.set(client.scheduler, (byLayout = new Map()));
    let group = byLayout.get(client.layoutKey);
    if (!group) byLayout.set(client.layoutKey, (group = { policy, clients: [], observations: [] }));
    return group;
  }

  private decide(group: Group, frame: number): void {
    const { policy, clients } = group;
    const batch = this.buildBatch(group);
    for (const client of clients) this.inFlight.add(client);
    const scheduler = clients[0].scheduler;
    let decision: Promise<ActionBuffers[]>;
    try {
      decision = scheduler
        ? scheduler.schedule(() => policy.decide(batch), { name: 'collaborator.decide', priority: 'critical' }).result
        : policy.decide(batch);
    } catch (error) {
      decision = Promise.reject(error);
    }
    decision.then(
      (actions) => this.deliver(clients, actions, frame, policy),
      (error: unknown) => this.failAll(clients, error),
    );
  }

  private buildBatch({ clients, observations }: Group): DecisionBatch {
    const size = clients.length;
    const layout = clients[0].layout;
    const tensors = layout.map((slot) => {
      const width = slot.spec.size;
      const data = new Float32Array(size * width);
      for (let i = 0; i < size; i++) data.set(observations[i].subarray(slot.offset, slot.offset + width), i * width);
      return new Tensor('float32', data, [size, ...slot.spec.shape]);
    });
    const batch: DecisionBatch = { size, observations: tensors, sensorNames: layout.map((s) => s.name), agentIds: clients.map(agentIdOf) };
    if (!clients.some((c) => c.actionMask)) return batch;
    const width = clients[0].activePolicy.actionSpec.maskSize;
    const masks = new Float32Array(size * width).fill(1);
    clients.forEach((client, i) => client.actionMask && masks.set(client.actionMask, i * width));
    return { ...batch, actionMasks: new Tensor('float32', masks, [size, width]) };
  }

  private deliver(clients: readonly DecisionClient[], actions: ActionBuffers[], frame: number, policy: Policy): void {
    if (!Array.isArray(actions) || actions.length !== clients.length) {
      const got = Array.isArray(actions) ? `${actions.length} decisions` : String(actions);
      this.failAll(clients, new SpecMismatchError(`Policy.decide: expected ${clients.length} decisions (one per agent of the batch), got ${got}`));
      return;
    }
    clients.forEach((client, i) => {
      if (!this.inFlight.delete(client)) return; // detached while deciding
      client.receive(actions[i], frame, policy);
    });
  }

  private failAll(clients: readonly DecisionClient[], error: unknown): void {
    for (const client of clients) {
      if (this.inFlight.delete(client)) client.fail(error);
    }
  }

  private dispose(): void {
    if (batchers.get(this.scene) !== this) return;
    batchers.delete(this.scene);
    this.scene.onBeforeRenderObservable.remove(this.frameObserver);
    this.scene.onDisposeObservable.remove(this.disposeObserver);
    this.clients.clear();
    this.inFlight.clear();
  }
}
