import { Card, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled section of a page (a chart, a table), laid out alike on every page. */
export function SectionCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={5} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
