/** Hands text to the browser as a file download (no server round trip: the answer is already here). */
export function downloadFile(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the blob can go once the browser has read it.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
