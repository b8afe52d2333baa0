import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet } from "react-router";
import { AppLayout } from "../layout/app-layout.tsx";
import { landingPathFor } from "../layout/navigation.ts";
import { ServerUnavailable } from "../layout/server-unavailable.tsx";
import { useSession } from "./use-session.ts";

/** The signed-in part of the app: the login page for visitors, the layout for users. */
export function RequireSession() {
  const { user, isPending, isError, refetch } = useSession();
  if (isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (isError) return <ServerUnavailable onRetry={() => void refetch()} />;
  if (!user) return <Navigate to="/login" replace />;
  return <AppLayout user={user} />;
}

/** Admin pages: operators are sent to the monitor. */
export function RequireAdmin() {
  const { user } = useSession();
  if (user?.role !== "admin") return <Navigate to="/monitor" replace />;
  return <Outlet />;
}

/** `/`: the landing page of the user's role. */
export function LandingRedirect() {
  const { user } = useSession();
  return <Navigate to={user ? landingPathFor(user.role) : "/login"} replace />;
}
