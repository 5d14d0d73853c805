import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Every row id is a UUIDv7 made by the application (time-ordered, index friendly). */
export const id = () => uuid("id").primaryKey();
export const workspaceId = () => uuid("workspace_id").notNull();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
