// What a file is, by its bytes and by its name; which names are refused; which rules are refused at start-up.

import { describe, expect, it } from "vitest";
import { checkedFileName } from "../../src/uploads/file-name.ts";
import { contentMatchesName, sniffType, typeOfName } from "../../src/uploads/sniff.ts";
import { checkContent, uploadRule } from "../../src/uploads/upload-rule.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffing", () => {
  it("recognises signatures, pages, text and opaque bytes", () => {
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffType(text("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffType(text("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
    expect(sniffType(text("  <!DOCTYPE html><p>hi"))).toBe("text/html");
    expect(sniffType(text("<svg onload=alert(1)>"))).toBe("text/html");
    expect(sniffType(text("name,size\nété,3\n"))).toBe("text/plain");
    expect(sniffType(bytes(1, 2, 0, 3))).toBe("application/octet-stream");
    // A multi-byte character cut by the sample's end is still text.
    expect(sniffType(text("ab€").subarray(0, 4))).toBe("text/plain");
  });

  it("a name's type must match its bytes; an opaque name must not hide a known type or a page", () => {
    expect(contentMatchesName(typeOfName("a.PNG"), "image/png")).toBe(true);
    expect(contentMatchesName(typeOfName("a.png"), "text/plain")).toBe(false);
    expect(contentMatchesName(typeOfName("a.csv"), "text/plain")).toBe(true);
    expect(contentMatchesName(typeOfName("a.txt"), "application/pdf")).toBe(false);
    expect(contentMatchesName(typeOfName("a.bin"), "application/octet-stream")).toBe(true);
    expect(contentMatchesName(typeOfName("a.bin"), "text/html")).toBe(false);
    expect(contentMatchesName(typeOfName("archive"), "application/zip")).toBe(false);
    expect(checkContent("a.bin", "text/plain")).toBe("text/plain");
    expect(() => checkContent("a.jpg", "image/png")).toThrow(/not what its name says/);
  });
});

describe("file names", () => {
  it("keeps ordinary names, spaces and accents included", () => {
    expect(checkedFileName("Relevé de compte (mars).pdf")).toBe("Relevé de compte (mars).pdf");
    expect(checkedFileName(".bashrc")).toBe(".bashrc");
  });

  it("refuses separators, control characters, dot names, empty and overlong names", () => {
    for (const name of [
      "../x",
      "a/b",
      "a\\b",
      "a\u0000b",
      "a\nb",
      "a\u007fb",
      "a\u0085b",
      ".",
      "..",
      "",
      "x".repeat(256),
    ])
      expect(() => checkedFileName(name), JSON.stringify(name)).toThrow(
        expect.objectContaining({ code: "upload_name" }),
      );
    expect(() => checkedFileName(42)).toThrow(expect.objectContaining({ code: "upload_name" }));
  });
});

describe("upload rules", () => {
  it("are checked when registered", () => {
    expect(uploadRule("a", {})).toEqual({ accept: ["*"], maxFiles: 1, maxFileSize: 8 * 1024 * 1024 });
    expect(() => uploadRule("a", { accept: ["png"] })).toThrow(/accept entry png/);
    expect(() => uploadRule("a", { maxFiles: 0 })).toThrow(/maxFiles must be a positive integer/);
    expect(() => uploadRule("a", { maxFileSize: 1.5 })).toThrow(/maxFileSize/);
  });
});
