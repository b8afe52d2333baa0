import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiPort = process.env.API_PORT ?? "8080";

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    // One origin in development too: the SPA calls /trpc, /api/auth and /api/calls (recordings,
    // exports) and the api answers.
    proxy: {
      "/trpc": `http://127.0.0.1:${apiPort}`,
      "/api/auth": `http://127.0.0.1:${apiPort}`,
      "/api/calls": `http://127.0.0.1:${apiPort}`,
    },
  },
  preview: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      "/trpc": `http://127.0.0.1:${apiPort}`,
      "/api/auth": `http://127.0.0.1:${apiPort}`,
      "/api/calls": `http://127.0.0.1:${apiPort}`,
    },
  },
});
