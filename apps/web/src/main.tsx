import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";
import { Badge, createTheme, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { followStoredLanguage } from "./i18n/browser-language.ts";
import { i18n } from "./i18n/i18n.ts";
import { router } from "./router.tsx";
import { createClients, TRPCProvider } from "./trpc.ts";

followStoredLanguage(i18n);
const { queryClient, trpcClient } = createClients();
const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");

const theme = createTheme({
  primaryColor: "indigo",
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'Hiragino Sans', 'Noto Sans JP', 'Noto Sans CJK JP', 'Yu Gothic UI', sans-serif",
  // Badges carry model names and units: Mantine's default upper-casing would mangle "ms" and "gpt".
  components: { Badge: Badge.extend({ defaultProps: { tt: "none" } }) },
});

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
