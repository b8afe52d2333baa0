export { JAPANESE } from "./japanese.ts";
export { APOLOGY, appendOperatorPath, type OperatorPath, operatorTwiml } from "./operator-twiml.ts";
export { appendRecordingStart } from "./recording-twiml.ts";
export {
  createTwilioRest,
  type PlaceCallRequest,
  type TwilioCredentials,
  type TwilioRest,
} from "./twilio-rest.ts";
