import { Badge, Button, Group, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { CustomerRole } from "../../../common/enums.js";
import { useCompanies } from "../../lib/lookups.js";
import { useCompany } from "./people-queries.js";
import { RouterAnchor } from "./router-anchor.js";

export const CUSTOMER_ROLE_LABEL: Record<CustomerRole, string> = {
  customer: "Customer",
  company_user: "Company user",
};

export function CustomerRoleBadge({ role }: { role: CustomerRole }) {
  return (
    <Badge size="sm" radius="sm" variant="dot" color={role === "company_user" ? "indigo" : "gray"}>
      {CUSTOMER_ROLE_LABEL[role]}
    </Badge>
  );
}

/** A company's name linking to it; looked up in the cached list, else fetched on its own. */
export function CompanyLink({ id }: { id: string | null }) {
  const all = useCompanies();
  const known = id ? all.data?.find((c) => c.id === id) : undefined;
  const one = useCompany(id && all.isSuccess && !known ? id : null);
  if (!id) {
    return (
      <Text span size="sm" c="dimmed">
        No company
      </Text>
    );
  }
  const name = known?.name ?? one.data?.name ?? "Company";
  return (
    <RouterAnchor to="/companies/$id" params={{ id }} size="sm">
      {name}
    </RouterAnchor>
  );
}

/**
 * A search box whose value settles into the address (`?q=`) after a short pause,
 * so a search can be shared or reloaded, without a request per keystroke.
 */
export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
}: {
  value: string;
  onSearch: (q: string) => void;
  label: string;
  placeholder: string;
}) {
  const [text, setText] = useState(value);
  const [settled] = useDebouncedValue(text, 300);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  // The search in the address, as far as this box knows: a change from elsewhere
  // (a link, the back button) replaces the text instead of being overwritten by it.
  const known = useRef(value);
  useEffect(() => {
    if (value !== known.current) {
      known.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    const q = settled.trim();
    if (q !== known.current) {
      known.current = q;
      latest.current(q);
    }
  }, [settled]);
  return (
    <TextInput
      size="sm"
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      type="search"
      w={{ base: "100%", xs: 320 }}
    />
  );
}

/** "Load more" under a paged list, with how many are shown. */
export function LoadMore({
  shown,
  hasMore,
  loading,
  onMore,
  noun,
}: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  noun: string;
}) {
  return (
    <Group gap="sm">
      <Text size="xs" c="dimmed">
        {shown} {noun} shown{hasMore ? "" : " (all)"}
      </Text>
      {hasMore && (
        <Button size="xs" variant="default" loading={loading} onClick={onMore}>
          Load more
        </Button>
      )}
    </Group>
  );
}

/** A label and its value in a profile's definition list. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Group>
  );
}

export function SharingBadge({ shares }: { shares: boolean }) {
  return (
    <Badge size="sm" radius="sm" variant="dot" color={shares ? "teal" : "gray"}>
      {shares ? "Shared" : "Private"}
    </Badge>
  );
}
