/** A refused people or setup action, with its HTTP status and stable code. */
export class PeopleError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'E_VALIDATION' | 'E_FORBIDDEN' | 'E_NOT_FOUND' | 'E_CONFLICT',
    message: string,
  ) {
    super(message)
  }
}
