/** Misuse of the merge API (a malformed clock stamp or device id); sync input never reaches it unparsed. */
export class MergeError extends Error {
  override readonly name = 'MergeError'
  constructor(
    readonly code: 'E_BAD_STAMP' | 'E_BAD_DEVICE_ID',
    message: string,
  ) {
    super(message)
  }
}
