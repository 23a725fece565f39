export {
  type DecodedText,
  type DecodeFailure,
  decodeText,
  type TextEncoding,
  textEncodingLabels,
  textEncodings,
} from './decode-text.ts'
