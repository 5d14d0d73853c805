import type { CustomFieldView, ViewListItemView, ViewView } from "../../../common/api/views.js";
import {
  type AuthContext,
  type CustomField,
  can,
  type View,
  type ViewListItem,
  viewPermissions,
} from "../../lib/index.js";

export function presentView(v: View, auth: AuthContext): ViewView {
  const may = viewPermissions(auth.actor, v);
  const writes = auth.scope === "write";
  return {
    id: v.id,
    name: v.name,
    query: v.query,
    visibility: v.visibility,
    teamId: v.teamId,
    ownerId: v.ownerId,
    position: v.position,
    display: v.display,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    can: { update: writes && may.update, delete: writes && may.delete },
  };
}

export function presentViewListItem(v: ViewListItem, auth: AuthContext): ViewListItemView {
  return { ...presentView(v, auth), count: v.count, capped: v.capped, error: v.error };
}

export function presentCustomField(f: CustomField, auth: AuthContext): CustomFieldView {
  const manage = auth.scope === "write" && can(auth.actor, "fields:manage");
  return {
    id: f.id,
    key: f.key,
    label: f.label,
    type: f.type,
    options: f.options,
    createdAt: f.createdAt.toISOString(),
    can: { update: manage, delete: manage },
  };
}
