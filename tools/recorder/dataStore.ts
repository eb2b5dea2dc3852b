/**
 * Keeping recordings in a DataStore: one buffer value per key (at most
 * 4 MiB, a DataStore value's limit: record a ring, or with packetsOut
 * "size", to stay under it).
 */
import { loadRecording, Recording } from "./format";

/** Largest value a DataStore key holds (4 MiB). */
export const DATASTORE_LIMIT = 4194304;

/** What saveTo and loadRecordingFrom call on a DataStore (a DataStore from DataStoreService, or your own stand-in). */
export interface RecordingStore {
	SetAsync(key: string, value: unknown): unknown;
	GetAsync(key: string): LuaTuple<[unknown, ...unknown[]]>;
}

/** Saves `data` (recorder.save()) under `key`. Yields. Returns the bytes saved. */
export function saveRecordingTo(store: GlobalDataStore | RecordingStore, key: string, data: buffer): number {
	const size = buffer.len(data);
	if (size > DATASTORE_LIMIT) {
		error(
			`Skyrocket: the recording is ${size} bytes, over a DataStore value's ${DATASTORE_LIMIT}; record a shorter ring or with packetsOut "size"`,
			3,
		);
	}
	(store as RecordingStore).SetAsync(key, data);
	return size;
}

/** Loads a recording saved with recorder.saveTo(store, key). Yields. */
export function loadRecordingFrom(store: GlobalDataStore | RecordingStore, key: string): Recording {
	const [value] = (store as RecordingStore).GetAsync(key);
	if (!typeIs(value, "buffer")) error(`Skyrocket: DataStore key ${key} holds no recording (${typeOf(value)})`, 2);
	return loadRecording(value);
}
