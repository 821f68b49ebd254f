import type { Engine } from "./Engine";
import type { ExportFormat } from "./ExportFormat";
import type { MenuItemId } from "./MenuItemId";
export type MenuCommand = { "kind": "item", item: MenuItemId, } | { "kind": "export", format: ExportFormat, engine: Engine | null, } | { "kind": "recent-library", path: string, };
