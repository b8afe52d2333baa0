export { APOLOGY, appendOperatorPath, type OperatorPath, operatorTwiml } from "./operator-twiml.ts";
export { createTwilioRest, type TwilioCredentials, type TwilioRest } from "./twilio-rest.ts";
