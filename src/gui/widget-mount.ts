import type { Vector2, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { HolographicSlate } from '@babylonjs/gui/3D/controls/holographicSlate.js';
import type { GUI3DManager } from '@babylonjs/gui/3D/gui3DManager.js';
import { requireType } from '../collaborator/options.js';

/** Options of a widget's `attachTo3D()`: the holographic slate that hosts it in XR. */
export interface Slate3DOptions {
  /** The slate's title bar text. @default the widget's name */
  title?: string;
  /** The slate's position in the scene. @default Babylon's default (the origin) */
  position?: Vector3;
  /** The slate's size in scene units (Babylon keeps it at least 15.625 x 6.25). @default 21.875 x 12.5 */
  dimensions?: Vector2;
}

const isUi = (v: unknown): boolean => v === null || (!!v && typeof (v as AdvancedDynamicTexture).addControl === 'function');
const isManager = (v: unknown): boolean => !!v && typeof (v as GUI3DManager).addControl === 'function' && 'utilityLayer' in (v as object);

/**
 * Where a widget's root control lives: a 2-D GUI texture (e.g. a fullscreen UI) or, after {@link attachTo3D},
 * a HolographicSlate of a GUI3DManager (XR). Also keeps the observers the widget adds, to remove them on dispose.
 */
export class WidgetMount {
  private ui: AdvancedDynamicTexture | null;
  private host: { manager: GUI3DManager; slate: HolographicSlate } | null = null;
  private readonly observers: Observer<never>[] = [];
  private disposed = false;

  /**
   * Adds `root` to `ui` (none: unattached until {@link attachTo3D}).
   * @throws TypeError when `ui` is not an AdvancedDynamicTexture or null.
   */
  constructor(private readonly owner: string, readonly root: Control, ui: AdvancedDynamicTexture | null) {
    this.ui = requireType<AdvancedDynamicTexture | null>(owner, 'ui', ui, isUi, 'an AdvancedDynamicTexture or null');
    this.ui?.addControl(root);
  }

  /** The slate hosting the widget in 3-D, or null. */
  get slate(): HolographicSlate | null {
    return this.host?.slate ?? null;
  }

  /** Keeps `observer` to remove it on {@link dispose}. */
  track<T>(observer: Observer<T> | null): void {
    if (observer) this.observers.push(observer as unknown as Observer<never>);
  }

  /**
   * Moves the root control from its 2-D texture into a new HolographicSlate of `manager`, centred.
   * @throws TypeError for a manager that is not a GUI3DManager; Error when already in 3-D or disposed.
   */
  attachTo3D(manager: GUI3DManager, options: Slate3DOptions = {}): HolographicSlate {
    if (this.disposed) throw new Error(`${this.owner}: attachTo3D() called after dispose()`);
    requireType(this.owner, 'manager', manager, isManager, 'a GUI3DManager');
    if (this.host) throw new Error(`${this.owner}: already attached to a 3-D slate`);
    this.ui?.removeControl(this.root);
    this.ui = null;
    const slate = new HolographicSlate(`${this.owner}.slate`);
    manager.addControl(slate);
    slate.title = options.title ?? this.owner;
    if (options.dimensions) slate.dimensions = options.dimensions;
    if (options.position) slate.position = options.position;
    this.root.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_CENTER;
    this.root.verticalAlignment = Control.VERTICAL_ALIGNMENT_CENTER;
    this.root.left = 0;
    this.root.top = 0;
    slate.fitContentToDimensions = true;
    slate.content = this.root;
    this.host = { manager, slate };
    return slate;
  }

  /** Removes the observers, the root control (from its texture or slate) and the slate. Calling it again does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const observer of this.observers) observer.remove();
    this.observers.length = 0;
    this.ui?.removeControl(this.root);
    this.root.dispose();
    if (this.host) {
      this.host.manager.removeControl(this.host.slate);
      this.host.slate.dispose();
    }
    this.host = null;
    this.ui = null;
  }
}
