/**
 * Version of the sync wire format. Bump it whenever a message or document shape changes in a way an older peer
 * cannot read; `protocol-version.test.ts` fails until the recorded schema hash is updated with it.
 */
export const PROTOCOL_VERSION = 14
