// An element with data-liveview-outbox-count shows how many calls wait for the server, from when it appears.

import { OUTBOX_COUNT_ATTR } from "./constants";
import type { Behaviour } from "./behaviours";
import { showCount } from "./outbox";

export const outboxCount: Behaviour = { attrs: [OUTBOX_COUNT_ATTR], attach: () => showCount() };
