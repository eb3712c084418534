/**
 * The renderer gets exactly one function: call the api. Never raw ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL } from './channel';


contextBridge.exposeInMainWorld('eldercare', {
  call: (request: { path: string; type: 'query' | 'mutation'; input: unknown }) => ipcRenderer.invoke(API_CHANNEL, request),
});
