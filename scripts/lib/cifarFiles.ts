/**
 * Node-side loading of CIFAR-10 from disk: a `cifar-10-batches-bin` folder or the official
 * `.tar.gz`, with SHA-256 checks against a SHA256SUMS file when the folder has one, and the
 * MD5 of the archive (the digest the dataset's site publishes). Parsing itself is the pure
 * core's (src/core/data); this file only adds node:fs and node:crypto.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createDatasetCollector } from '../../src/core/data/assemble.ts';
import { CIFAR_FILES, CifarFormatError, type CifarDataset } from '../../src/core/data/cifarRecords.ts';
import { readCifarTarGz, type ReadTarGzOptions } from '../../src/core/data/tarGz.ts';

/** URL of the official binary archive. */
export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
/** MD5 of the official archive, as published on https://www.cs.toronto.edu/~kriz/cifar.html. */
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
/** Size of the official archive in bytes (for progress when no Content-Length is given). */
export const CIFAR10_ARCHIVE_BYTES = 170_052_171;
/** Name of the optional digest file in a batches folder (`sha256sum` output). */
export const SHA256SUMS = 'SHA256SUMS';

/** A dataset read from disk, with what was verified about its source. */
export interface LoadedCifar extends CifarDataset {
  /** Path it was read from. */
  source: string;
  kind: 'dir' | 'tar.gz';
  /** Files whose SHA-256 matched SHA256SUMS (empty when the folder has none). */
  sha256Verified: string[];
  /** Hex MD5 of the archive (kind 'tar.gz' only). */
  md5?: string;
}

/** Hex SHA-256 of a byte array. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function hashFile(path: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Hex SHA-256 of a file, streamed. */
export const sha256File = (path: string): Promise<string> => hashFile(path, 'sha256');
/** Hex MD5 of a file, streamed (to check the downloaded archive against CIFAR10_MD5). */
export const md5File = (path: string): Promise<string> => hashFile(path, 'md5');

/** Parses `sha256sum` output ("<64 hex>  <name>" per line) into name -> digest. */
export function parseSha256Sums(text: string, file = SHA256SUMS): Map<string, string> {
  const sums = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
    if (!m) throw new CifarFormatError('checksum', `${file} line ${i + 1} is not "<sha256>  <name>": ${JSON.stringify(line)}`, file);
    sums.set(m[2], m[1].toLowerCase());
  });
  return sums;
}

async function readSums(dir: string): Promise<Map<string, string> | null> {
  try {
    return parseSha256Sums(await readFile(join(dir, SHA256SUMS), 'utf8'), join(dir, SHA256SUMS));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function checkDigest(sums: Map<string, string> | null, name: string, bytes: Uint8Array, dir: string): boolean {
  const want = sums?.get(name);
  if (!want) return false;
  const got = sha256(bytes);
  if (got !== want) {
    throw new CifarFormatError('checksum', `${join(dir, name)} has SHA-256 ${got} but ${SHA256SUMS} says ${want}`, name);
  }
  return true;
}

/** Reads a `cifar-10-batches-bin` folder one file at a time, checking SHA256SUMS if present. */
export async function loadCifarDir(dir: string, opts: { recordsPerFile?: number | null } = {}): Promise<LoadedCifar> {
  const sums = await readSums(dir);
  const verified: string[] = [];
  const collector = createDatasetCollector(opts);
  for (const name of [...CIFAR_FILES.train, CIFAR_FILES.test, CIFAR_FILES.meta]) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (name === CIFAR_FILES.meta) continue; // optional: the class names are known
      throw new CifarFormatError('missing-file', `${join(dir, name)} does not exist: not a cifar-10-batches-bin folder?`, name);
    }
    if (checkDigest(sums, name, bytes, dir)) verified.push(name);
    if (name === CIFAR_FILES.meta) {
      collector.setMeta(new TextDecoder().decode(bytes));
      continue;
    }
    const writer = collector.open(name, bytes.length)!;
    writer.write(bytes);
    writer.end();
  }
  return { ...collector.finish(), source: dir, kind: 'dir', sha256Verified: verified };
}

/** Streams the official `.tar.gz` from disk through the core reader, computing its MD5 on the way. */
export async function loadCifarTarGz(path: string, opts: ReadTarGzOptions = {}): Promise<LoadedCifar> {
  const md5 = createHash('md5');
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('data', (chunk) => md5.update(chunk as Buffer));
  const stream = Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>;
  const dataset = await readCifarTarGz(stream, opts);
  return { ...dataset, source: path, kind: 'tar.gz', sha256Verified: [], md5: md5.digest('hex') };
}

/** Loads from a folder or a `.tar.gz`, whichever `path` is. */
export async function loadCifar(path: string, opts: ReadTarGzOptions = {}): Promise<LoadedCifar> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CifarFormatError('missing-file', `${path} does not exist; expected cifar-10-binary.tar.gz or a cifar-10-batches-bin folder`, path);
  }
  return info.isDirectory() ? loadCifarDir(path, opts) : loadCifarTarGz(path, opts);
}
