// The demo's /files page: a visitor uploads files, watches each one's progress, and then sees the list of their
// files (name, size, sha256), kept in the session; each can be deleted.

import {
  liveviewHandler,
  liveviewUpload,
  render,
  renderToString,
  send,
  takeUploads,
  uploadError,
  type Consumer,
  type Request,
} from "liveview-node";

/** Session key of the visitor's files: `[{ key, name, size, type, sha256 }]`. */
const FILES_KEY = "files";
const MAX_FILES_AT_ONCE = 5;
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface FileRow {
  key: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
}

liveviewUpload("files", { accept: ["*"], maxFiles: MAX_FILES_AT_ONCE, maxFileSize: MAX_FILE_BYTES });

export const files = (request: Request) =>
  render(request, "files.html", { files: request.session.get<FileRow[]>(FILES_KEY, []) });

async function sendList(consumer: Consumer, rows: FileRow[]): Promise<void> {
  await send(consumer, { target: "#file-list", html: await renderToString("file_list.html", { files: rows }) });
}

// Called by the page when every file of a choice has finished: the finished ones join the list.
liveviewHandler("files_uploaded", async (consumer) => {
  const session = consumer.scope.session;
  const rows = session.get<FileRow[]>(FILES_KEY, []);
  for (const file of await takeUploads(consumer, "files")) {
    // The handler's own rule, shown beside the input as a form error: the same bytes are listed once.
    const same = rows.find((r) => r.sha256 === file.sha256);
    if (same) {
      await consumer.runtime.uploads.store.delete(file.key);
      uploadError(consumer, "files", `${file.name} is already in your list, as ${same.name}`);
      continue;
    }
    rows.push({ key: file.key, name: file.name, size: file.size, type: file.type, sha256: file.sha256 });
  }
  session.set(FILES_KEY, rows);
  await sendList(consumer, rows);
});

liveviewHandler("delete_file", async (consumer, content) => {
  const session = consumer.scope.session;
  const rows = session.get<FileRow[]>(FILES_KEY, []);
  // Only a file of this session's list: a key sent by the page names nothing else.
  const row = rows.find((r) => r.key === content.data.key);
  if (!row) return;
  await consumer.runtime.uploads.store.delete(row.key);
  const kept = rows.filter((r) => r !== row);
  session.set(FILES_KEY, kept);
  await sendList(consumer, kept);
});
