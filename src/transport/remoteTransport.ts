/**
 * The RemoteEvent transport: one RemoteEvent (reliable, ordered) and one
 * UnreliableRemoteEvent per net, in a folder under ReplicatedStorage. The
 * server creates them; clients find them once they have replicated, without
 * yielding. Callbacks only queue packets; nothing is decoded here.
 */
import { Players, ReplicatedStorage } from "@rbxts/services";
import { ClientTransport, Incoming, ServerTransport } from "./transport";

const RELIABLE = "Reliable";
const UNRELIABLE = "Unreliable";

export function createServerTransport(folderName: string): ServerTransport {
	if (ReplicatedStorage.FindFirstChild(folderName)) {
		error(`Skyrocket: a net named "${folderName}" already exists in ReplicatedStorage; pass a different name`, 3);
	}
	const folder = new Instance("Folder");
	folder.Name = folderName;
	const reliable = new Instance("RemoteEvent");
	reliable.Name = RELIABLE;
	reliable.Parent = folder;
	const unreliable = new Instance("UnreliableRemoteEvent");
	unreliable.Name = UNRELIABLE;
	unreliable.Parent = folder;
	folder.Parent = ReplicatedStorage;

	let queue: Incoming[] = [];
	let joins: Player[] = [];
	let leaves: Player[] = [];
	const connections = [
		reliable.OnServerEvent.Connect((player, data) => queue.push({ player, data, reliable: true })),
		unreliable.OnServerEvent.Connect((player, data) => queue.push({ player, data, reliable: false })),
		Players.PlayerAdded.Connect((player) => joins.push(player)),
		Players.PlayerRemoving.Connect((player) => leaves.push(player)),
	];
	for (const player of Players.GetPlayers()) joins.push(player);

	return {
		sendReliable(player, data) {
			reliable.FireClient(player, data);
		},
		sendUnreliable(player, data) {
			unreliable.FireClient(player, data);
		},
		broadcast(data, isReliable) {
			if (joins.size() > 0 || leaves.size() > 0) return false;
			if (isReliable) reliable.FireAllClients(data);
			else unreliable.FireAllClients(data);
			return true;
		},
		drain() {
			const out = queue;
			queue = [];
			return out;
		},
		drainJoins() {
			const out = joins;
			joins = [];
			return out;
		},
		drainLeaves() {
			const out = leaves;
			leaves = [];
			return out;
		},
		destroy() {
			for (const c of connections) c.Disconnect();
			folder.Destroy();
		},
	};
}

export function createClientTransport(folderName: string): ClientTransport {
	let reliable: RemoteEvent | undefined;
	let unreliable: UnreliableRemoteEvent | undefined;
	let queue: Incoming[] = [];
	const connections: RBXScriptConnection[] = [];
	const find = () => {
		if (reliable) return true;
		const folder = ReplicatedStorage.FindFirstChild(folderName);
		const r = folder?.FindFirstChild(RELIABLE);
		const u = folder?.FindFirstChild(UNRELIABLE);
		if (!r || !u || !r.IsA("RemoteEvent") || !u.IsA("UnreliableRemoteEvent")) return false;
		reliable = r;
		unreliable = u;
		connections.push(r.OnClientEvent.Connect((data: unknown) => queue.push({ data, reliable: true })));
		connections.push(u.OnClientEvent.Connect((data: unknown) => queue.push({ data, reliable: false })));
		return true;
	};
	return {
		ready() {
			return find();
		},
		sendReliable(data) {
			reliable?.FireServer(data);
		},
		sendUnreliable(data) {
			unreliable?.FireServer(data);
		},
		drain() {
			const out = queue;
			queue = [];
			return out;
		},
		destroy() {
			for (const c of connections) c.Disconnect();
		},
	};
}
