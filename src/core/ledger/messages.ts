/**
 * What staff are told lives in `src/core/messages`; the ledger's callers keep importing these
 * from here.
 */
export {
  blockedByInDoubtMessage,
  duplicateRefundMessage,
  duration,
  money,
  outcomeUnknownMessage,
  unitsTakenMessage,
} from "../messages"
