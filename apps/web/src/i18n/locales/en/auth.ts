import type { Translation } from "../../translation.ts";
import type { auth as source } from "../ja/auth.ts";

export const auth: Translation<typeof source> = {
  subtitle: "Sign in to the AI phone agent console",
  email: "Email",
  emailPlaceholder: "admin@example.com",
  password: "Password",
  togglePassword: "Show or hide the typed characters",
  submit: "Sign in",
  logout: "Sign out",
  invalidEmail: "Enter a valid email address",
  passwordRequired: "Enter your password",
  failureTitle: "Could not sign in",
  failure: {
    network: "Could not reach the server.",
    rateLimited: "Too many sign-in attempts. Wait a minute and try again.",
    rejected: "The email or password is incorrect.",
    http: "Could not sign in (HTTP {{status}}).",
  },
};
