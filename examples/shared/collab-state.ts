/**
 * The state every example page exposes as `window.__collab`, for people poking at the console and for the
 * browser tests (test/browser/).
 */

/** What a page exposes; scenes may add fields of their own. */
export interface CollabState {
  /** True once the scene has rendered a frame after its collaborators' first decision. */
  ready: boolean;
  /** Decisions made by the page's collaborators so far. */
  decisions: number;
  /** Uncaught errors, unhandled rejections and collaborator errors, as `Name: message`. */
  errors: string[];
}

declare global {
  interface Window {
    /** The example's state; see {@link CollabState}. */
    __collab: CollabState;
  }
}

/** Formats an error (or any thrown value) as `Name: message`. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Creates `window.__collab` and records the window's uncaught errors and unhandled rejections in it. */
export function exposeCollabState(): CollabState {
  const state: CollabState = { ready: false, decisions: 0, errors: [] };
  window.__collab = state;
  window.addEventListener('error', (event) => state.errors.push(describeError(event.error ?? event.message)));
  window.addEventListener('unhandledrejection', (event) => state.errors.push(describeError(event.reason)));
  return state;
}
