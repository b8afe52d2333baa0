// The OpenAI Realtime GA simulator and the Twilio caller simulator arrive with issue 3.
export {};
