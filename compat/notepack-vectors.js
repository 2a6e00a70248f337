#!/usr/bin/env node
// Prints, as one JSON array, how notepack.io (the parser of @socket.io/redis-adapter) encodes a set of
// values: [{value, hex, decodeOnly}]. "value" is the JSON a Node server would send a client for it
// (binary as {"$bin":"<base64>"}); decodeOnly marks values Java cannot produce (Date, undefined, typed
// arrays), whose bytes Java must only read. Used by Socketeer's NotepackTest.
'use strict';

const notepack = require('notepack.io');

const str = (n) => 'x'.repeat(n);
const buf = (n) => Buffer.alloc(n, 0xab);
// Integral numbers of 2^64 and more (1e21, 1e300) are left out: notepack writes them as corrupt uint 64s
// (its high word overflows), Socketeer as the float 64 of the value.
const both = [
  null, true, false, 0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 2 ** 53 - 1,
  -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -(2 ** 53 - 1),
  2 ** 63, 2 ** 64 - 2048, -(2 ** 63), 1.5, -0.25, 1e-300, 3.141592653589793, Number.MAX_VALUE / 2 ** 970,
  '', 'a', str(31), str(32), str(255), str(256), str(65535), str(65536), 'héllo ✓ 😀',
  [], [1, [2, [3]]], new Array(15).fill(1), new Array(16).fill(2), new Array(70000).fill(0),
  {}, { a: 1, b: 'two', c: [true, null] }, Object.fromEntries(Array.from({ length: 16 }, (_, i) => ['k' + i, i])),
  buf(0), buf(255), buf(256), buf(65536),
  [1, 'hello', { nested: buf(3), list: [buf(1), 'x'] }],
];
const decodeOnly = [
  new Date(0), new Date(1700000000123), new Date(-1), new Date(2 ** 34 * 1000 + 5),
  [undefined, 1], { u: undefined, k: 1 }, new Uint8Array([1, 2, 3]), new Uint16Array([1, 2]).buffer,
];

const toJson = (v) => JSON.parse(JSON.stringify(v, (k, x) => {
  if (x && x.type === 'Buffer' && Array.isArray(x.data)) return { $bin: Buffer.from(x.data).toString('base64') };
  return x;
}));
const binary = (v) => {
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return v;
};
const out = [];
for (const v of both) out.push({ value: toJson(v), hex: notepack.encode(v).toString('hex'), decodeOnly: false });
for (const v of decodeOnly) out.push({ value: toJson(binary(v)), hex: notepack.encode(v).toString('hex'), decodeOnly: true });
process.stdout.write(JSON.stringify(out) + '\n');
