/** What a human's typed reply to a proposal means, as read by {@link interpretReply}. */
export type Reply =
  | { readonly verdict: 'accepted' }
  | { readonly verdict: 'rejected'; readonly reason?: string }
  | { readonly verdict: 'corrected'; readonly correction: string };

const YES = /^(yes|y|yeah|yep|ok|okay|sure|accept(ed)?|agreed?|correct|right|fine|good|do it|go ahead)\b[\s!.]*$/i;
const NO = /^(no|nope|n|reject(ed)?|wrong|don't|do not)\b[\s,.:;!-]*/i;
const INSTEAD = /^(actually|instead|rather|better)\b[\s,.:;-]*/i;

/**
 * Reads a typed reply to a proposal: a bare yes ("ok", "sure", "correct", ...) accepts; a leading no ("no",
 * "wrong", "reject", ...) rejects, the rest being the reason; anything else is a correction ("actually" or
 * "instead" in front are dropped).
 */
export function interpretReply(text: string): Reply {
  const trimmed = text.trim();
  if (YES.test(trimmed)) return { verdict: 'accepted' };
  const no = NO.exec(trimmed);
  if (no) {
    const reason = trimmed.slice(no[0].length).trim();
    return reason ? { verdict: 'rejected', reason } : { verdict: 'rejected' };
  }
  const instead = INSTEAD.exec(trimmed);
  return { verdict: 'corrected', correction: instead ? trimmed.slice(instead[0].length).trim() : trimmed };
}
