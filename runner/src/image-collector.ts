// The PNGs a program drew (I frames), kept within the contract's caps.
import { maxImageBytes, maxImages, maxImagesTotalBytes, type RunImage } from "./contract";
import { isPng } from "./frames";

/** Keeps the PNGs a program drew, within the contract's caps; anything else is dropped. */
export class ImageCollector {
  private readonly images: Buffer[] = [];
  private total = 0;

  add(bytes: Buffer): void {
    if (!isPng(bytes) || bytes.length > maxImageBytes || this.images.length >= maxImages) return;
    if (this.total + bytes.length > maxImagesTotalBytes) return;
    this.images.push(Buffer.from(bytes));
    this.total += bytes.length;
  }

  list(): RunImage[] {
    return this.images.map((bytes) => ({ mediaType: "image/png", data: bytes.toString("base64") }));
  }
}
