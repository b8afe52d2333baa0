import { AppShell, Badge, Button, Group, NavLink, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Outlet, NavLink as RouterNavLink, useNavigate } from "react-router";
import { signOut } from "../auth/auth-api.ts";
import { LanguageSwitch } from "../i18n/language-switch.tsx";
import type { SessionMe } from "../lib/api-types.ts";
import { useLabels } from "../lib/labels.ts";
import { ActiveCallsProvider, useActiveCalls } from "../live/active-calls-provider.tsx";
import { NotificationSoundSwitch } from "../live/notification-sound-switch.tsx";
import { navItemsFor } from "./navigation.ts";

export function AppLayout({ user }: { user: SessionMe }) {
  const { t } = useTranslation(["layout", "auth"]);
  const labels = useLabels();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = async () => {
    await signOut();
    await queryClient.resetQueries();
    await navigate("/login", { replace: true });
  };
  return (
    <ActiveCallsProvider>
      <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: "sm" }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="xs">
              <Title order={3}>Koe</Title>
              <Text c="dimmed" size="sm">
                {user.company?.name ?? ""}
              </Text>
            </Group>
            <Group gap="sm">
              <NotificationSoundSwitch />
              <LanguageSwitch />
              <Text size="sm">{user.name}</Text>
              <Badge variant="light" color={user.role === "admin" ? "violet" : "blue"}>
                {labels.role(user.role)}
              </Badge>
              <Button variant="subtle" size="xs" onClick={() => void logout()}>
                {t("auth:logout")}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          <Stack gap={4}>
            {navItemsFor(user.role).map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={t(`nav.${item.key}.label`)}
                description={t(`nav.${item.key}.description`)}
                rightSection={item.to === "/monitor" ? <LiveCount /> : null}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main bg="gray.0">
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </ActiveCallsProvider>
  );
}

function LiveCount() {
  const { calls } = useActiveCalls();
  if (calls.length === 0) return null;
  return (
    <Badge size="sm" color="teal" circle>
      {calls.length}
    </Badge>
  );
}
