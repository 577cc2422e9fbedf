// Vigil for VS Code: starts `vigil lsp` (docs/editors.md) for Go files and
// shows its findings as diagnostics, their traces as related information,
// and its quick fixes (suggested fixes, //nolint suppressions) as code actions.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

function createClient() {
  const command = vscode.workspace.getConfiguration('vigil').get('path') || 'vigil';
  // TransportKind.stdio: the client talks over the process's stdin and stdout (and adds --stdio, which vigil lsp accepts).
  const server = { command, args: ['lsp'], transport: TransportKind.stdio };
  return new LanguageClient('vigil', 'Vigil', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'go' }],
    // vigil.yaml holds the checks' settings: the server re-analyzes when it changes.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{vigil.yaml,vigil.yml,.vigil.yaml,.vigil.yml}') },
  });
}

async function activate(context) {
  client = createClient();
  context.subscriptions.push(vscode.commands.registerCommand('vigil.restart', async () => {
    if (client) await client.stop();
    client = createClient();
    await client.start();
  }));
  try {
    await client.start();
  } catch (e) {
    vscode.window.showErrorMessage(`Vigil: could not start "${vscode.workspace.getConfiguration('vigil').get('path') || 'vigil'} lsp" (${e.message}). Set vigil.path to the vigil executable.`);
  }
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
