import { createBrowserRouter, Navigate } from "react-router";
import { LoginPage } from "./auth/login-page.tsx";
import { RequireAdmin, RequireSession } from "./auth/require-session.tsx";
import { CallDetailPage } from "./pages/calls/call-detail-page.tsx";
import { CallsPage } from "./pages/calls/calls-page.tsx";
import { MonitorPage } from "./pages/monitor/monitor-page.tsx";
import { RolloutPage } from "./pages/rollout/rollout-page.tsx";
import { SalesPitchPage } from "./pages/sales-pitch/sales-pitch-page.tsx";

/** A data router: the Sales Pitch page's unsaved-changes guard needs `useBlocker`. */
export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <Navigate to="/monitor" replace /> },
      { path: "monitor", element: <MonitorPage /> },
      { path: "calls", element: <CallsPage /> },
      { path: "calls/:callId", element: <CallDetailPage /> },
      {
        element: <RequireAdmin />,
        children: [
          { path: "settings/sales-pitch", element: <SalesPitchPage /> },
          { path: "rollout", element: <RolloutPage /> },
        ],
      },
      { path: "*", element: <Navigate to="/monitor" replace /> },
    ],
  },
]);
