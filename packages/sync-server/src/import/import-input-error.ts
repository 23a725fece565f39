/** The request or command itself is unusable (bad CSV, unmapped or missing columns): 400 / exit code 2. */
export class ImportInputError extends Error {}
