// Entry point: starts Stimulus with the `page` controller, then navigation, behaviours and the socket.

import { Application } from "@hotwired/stimulus";
import { api, type LiveViewApi } from "./api";
import { applyMessage, type Incoming } from "./apply";
import { observeBehaviours } from "./behaviours";
import { showConnectionState } from "./connection_state";
import { CONTROLLER_NAME } from "./constants";
import { focus } from "./focus";
import { init } from "./init";
import { intersect } from "./intersect";
import { keyboardMap, startKeyboardMaps } from "./keyboard_map";
import { endAllLoading } from "./loading";
import { startNavigation } from "./navigation";
import { PageController } from "./page_controller";
import { room } from "./room";
import { connect, socketUrl } from "./socket";
import { pageToken } from "./token";
import { startDisableWith } from "./disable_with";
import { drafts, startDrafts } from "./drafts";
import { startLeaveFlush } from "./leave";
import { startTypedGuard } from "./typed_guard";
import { outboxCount } from "./outbox_count";
import { replayOutbox } from "./outbox_replay";
import { saveStatus, startSaveStatus } from "./save_status";
import { startUploads, upload } from "./upload";
import { onConnect, startOnConnect } from "./on_connect";

declare global {
  interface Window {
    LiveView: LiveViewApi;
    Stimulus: Application;
  }
}

window.LiveView = api;

function start(): void {
  attachController();
  window.Stimulus = Application.start();
  window.Stimulus.register(CONTROLLER_NAME, PageController);
  startNavigation();
  startKeyboardMaps();
  // forms (issue 13): before the behaviours, so a draft form's first load queues behind the outbox's calls.
  startDisableWith();
  startSaveStatus();
  startDrafts();
  startLeaveFlush();
  startTypedGuard();
  replayOutbox();
  startUploads();
  startOnConnect();
  observeBehaviours([intersect, focus, init, keyboardMap, drafts, saveStatus, outboxCount, upload, onConnect]);
  connect(socketUrl(room(), pageToken()), {
    message: (data) => applyMessage(data as Incoming),
    state(state) {
      showConnectionState(state);
      if (state === "closed") endAllLoading();
    },
  });
}

/** django-liveview pages declare data-controller="page" on <body> or <html>; pages that do not still work. */
function attachController(): void {
  if (document.querySelector(`[data-controller~="${CONTROLLER_NAME}"]`)) return;
  const { body } = document;
  body.dataset.controller = `${body.dataset.controller ?? ""} ${CONTROLLER_NAME}`.trim();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
