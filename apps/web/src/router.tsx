import { createBrowserRouter, Navigate } from "react-router";
import { LoginPage } from "./auth/login-page.tsx";
import { LandingRedirect, RequireAdmin, RequireSession } from "./auth/require-session.tsx";

// Pages load on first visit: the charts and the settings editor stay out of the login's bundle.
const monitor = async () => ({ Component: (await import("./pages/monitor/monitor-page.tsx")).MonitorPage });
const calls = async () => ({ Component: (await import("./pages/calls/calls-page.tsx")).CallsPage });
const callDetail = async () => ({
  Component: (await import("./pages/calls/call-detail-page.tsx")).CallDetailPage,
});
const salesPitch = async () => ({
  Component: (await import("./pages/sales-pitch/sales-pitch-page.tsx")).SalesPitchPage,
});
const overview = async () => ({
  Component: (await import("./pages/overview/overview-page.tsx")).OverviewPage,
});
const search = async () => ({ Component: (await import("./pages/search/search-page.tsx")).SearchPage });
const evals = async () => ({ Component: (await import("./pages/evals/evals-page.tsx")).EvalsPage });
const evalRun = async () => ({ Component: (await import("./pages/evals/run-page.tsx")).RunPage });
const evalCompare = async () => ({
  Component: (await import("./pages/evals/compare-page.tsx")).ComparePage,
});
const rollout = async () => ({ Component: (await import("./pages/rollout/rollout-page.tsx")).RolloutPage });

/** A data router: the Sales Pitch page's unsaved-changes guard needs `useBlocker`. */
export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <LandingRedirect /> },
      { path: "monitor", lazy: monitor },
      { path: "calls", lazy: calls },
      { path: "calls/:callId", lazy: callDetail },
      { path: "search", lazy: search },
      {
        element: <RequireAdmin />,
        children: [
          { path: "overview", lazy: overview },
          { path: "settings/sales-pitch", lazy: salesPitch },
          { path: "rollout", lazy: rollout },
          { path: "evals", lazy: evals },
          { path: "evals/runs/:runId", lazy: evalRun },
          { path: "evals/compare", lazy: evalCompare },
        ],
      },
      { path: "*", element: <Navigate to="/monitor" replace /> },
    ],
  },
]);
