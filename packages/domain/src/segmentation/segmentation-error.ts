/**
 * Why a segmentation run could not start: a stable code for programs, a message for people.
 * `too_few_buyers`: the input is valid but holds too few customers who bought to cluster.
 */
export interface SegmentationError {
  code: 'bad_as_of' | 'bad_policy' | 'bad_input' | 'bad_options' | 'too_few_buyers'
  message: string
}

export type SegmentationResult<T> = { ok: true; value: T } | { ok: false; error: SegmentationError }

export function segmentationError(
  code: SegmentationError['code'],
  message: string,
): { ok: false; error: SegmentationError } {
  return { ok: false, error: { code, message } }
}
