-- Headless Neovim (0.7 or later) as an LSP client of `vigil lsp`, for
-- tests/Vigil.Tests/Lsp/NeovimTests.cs. Its built-in client starts the
-- server, opens a Go file of the module, waits for Vigil's diagnostics, and
-- writes what vim.diagnostic.get returns (JSON, one object per line) to a file.
--
-- Environment: VIGIL_LSP_CMD (the server command, words separated by spaces
-- -- no spaces inside a word), VIGIL_LSP_ROOT (the module), VIGIL_LSP_FILE (the
-- file to open), VIGIL_LSP_OUT (where to write the diagnostics),
-- VIGIL_LSP_TIMEOUT_MS (how long to wait for them).
local cmd = vim.split(os.getenv('VIGIL_LSP_CMD'), ' ', { trimempty = true })
local root = os.getenv('VIGIL_LSP_ROOT')
local file = os.getenv('VIGIL_LSP_FILE')
local out = os.getenv('VIGIL_LSP_OUT')
local timeout = tonumber(os.getenv('VIGIL_LSP_TIMEOUT_MS') or '300000')

local function finish(lines, status)
  local f = assert(io.open(out, 'w'))
  for _, l in ipairs(lines) do f:write(l, '\n') end
  f:close()
  vim.cmd((status == 0 and 'qall!') or ('cquit! ' .. status))
end

local messages = {}
local client_id = vim.lsp.start_client({
  name = 'vigil',
  cmd = cmd,
  root_dir = root,
  handlers = {
    ['window/showMessage'] = function(_, result) table.insert(messages, result.message) end,
  },
})
if not client_id then finish({ 'error: vim.lsp.start_client failed' }, 3) end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)

local ok = vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 200)
if not ok then
  finish({ 'error: no diagnostics within ' .. timeout .. ' ms; the server said: ' .. table.concat(messages, '; ') }, 4)
end
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  -- user_data.lsp is the LSP diagnostic as the server sent it (code, codeDescription, relatedInformation).
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(lines, vim.fn.json_encode({
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, message = d.message, source = d.source,
    code = lsp.code, href = (lsp.codeDescription or {}).href,
    related = #(lsp.relatedInformation or {}),
  }))
end
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 100)
finish(lines, 0)
