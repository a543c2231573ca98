/** Typed errors of {@link CollaborationSession}; each names the proposal. */

/** Thrown when an answer names a proposal the session does not know. `name` is `'UnknownProposalError'`. */
export class UnknownProposalError extends Error {
  override readonly name = 'UnknownProposalError';

  /** @param id - the id given. */
  constructor(readonly id: unknown) {
    super(`CollaborationSession: no proposal with id ${String(id)}`);
  }
}

/** Thrown when a proposal is answered a second time. `name` is `'ProposalAnsweredError'`. */
export class ProposalAnsweredError extends Error {
  override readonly name = 'ProposalAnsweredError';

  /**
   * @param id - the proposal's id.
   * @param status - the verdict it already has.
   */
  constructor(readonly id: number, readonly status: string) {
    super(`CollaborationSession: proposal ${id} was already ${status}`);
  }
}
