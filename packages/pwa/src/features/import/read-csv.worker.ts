/// <reference lib="webworker" />
import { readCsvFile } from './read-csv-file.ts'

/** Decodes a picked file (and finds its header and line count) off the page's thread. */
self.onmessage = async (ev: MessageEvent<{ file: Blob }>) => {
  try {
    self.postMessage({ read: await readCsvFile(ev.data.file) })
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) })
  }
}
