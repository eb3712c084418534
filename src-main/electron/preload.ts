/**
 * The renderer gets exactly two functions: call the api, and upload a file's bytes (for an
 * import; the api then names it by id). Never raw ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL, UPLOAD_CHANNEL, type UploadReply } from './channel';

contextBridge.exposeInMainWorld('eldercare', {
  call: (request: { path: string; type: 'query' | 'mutation'; input: unknown }) => ipcRenderer.invoke(API_CHANNEL, request),
  /** Resolves with the upload's id; a refusal rejects with an Error whose message is "zh / en". */
  upload: async (fileName: string, bytes: Uint8Array): Promise<{ uploadId: string; fileName: string; bytes: number }> => {
    const reply = (await ipcRenderer.invoke(UPLOAD_CHANNEL, fileName, bytes)) as UploadReply;
    if (reply.ok) return reply.data;
    throw new Error(`${reply.error.zh} / ${reply.error.en}`);
  },
});
