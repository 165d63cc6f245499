/** Well-formed public keys for tests: a length-prefixed type followed by key bytes, base64. */
export function testSshKey(type: string, comment = "someone@example", keyBytes = 32): string {
  const name = new TextEncoder().encode(type);
  const bytes = new Uint8Array(4 + name.length + 4 + keyBytes);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, name.length);
  bytes.set(name, 4);
  view.setUint32(4 + name.length, keyBytes);
  for (let index = 0; index < keyBytes; index++)
    bytes[8 + name.length + index] = (index * 37 + 11) & 0xff;
  const blob = btoa(String.fromCharCode(...bytes));
  return comment ? `${type} ${blob} ${comment}` : `${type} ${blob}`;
}
