import { ClientTransport, ServerTransport } from "./transport";
export declare function createServerTransport(folderName: string): ServerTransport;
export declare function createClientTransport(folderName: string): ClientTransport;
