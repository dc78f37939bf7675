"""Drives kernelchat's MCP server with the official Python MCP SDK, as an agent would, and prints what it saw.

    drive_kernelchat.py stdio <command> [args...]   spawn the server and speak over its stdin/stdout
    drive_kernelchat.py http <url> <token>          speak Streamable HTTP with the bearer token

Prints one JSON object on stdout; McpClientTest asserts on it. The scenario: list the tools; run code (text);
draw a plot (image content); print more than a result holds (head and tail, the rest in a file, read back);
write a file and read it from code; ask for a missing file (an error result); run a long cell with progress
and cancel it after its first progress notification, then see from the kernel that the loop stopped early.
"""
import json
import sys

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client


def texts(result):
    return "\n".join(c.text for c in result.content if c.type == "text")


async def scenario(session):
    seen = {}
    await session.initialize()
    seen["tools"] = sorted(t.name for t in (await session.list_tools()).tools)

    hello = await session.call_tool("execute_code", {"code": "print('hello from mcp')\n6 * 7"})
    seen["hello"] = {"text": texts(hello), "isError": hello.is_error}
    conversation = texts(hello).split("[conversation ", 1)[1].split(",", 1)[0]
    seen["conversation"] = conversation

    plot = await session.call_tool("execute_code", {"code": "import matplotlib.pyplot as plt\n"
                                                              "plt.plot([1, 2, 3]); plt.show()"})
    seen["plot"] = {"text": texts(plot), "images": [c.mime_type for c in plot.content if c.type == "image"],
                    "imageBytes": [len(c.data) for c in plot.content if c.type == "image"]}

    long = await session.call_tool("execute_code", {"code": "print('head-' + 'x' * 60000 + '-tail')"})
    seen["long"] = {"text": texts(long), "length": len(texts(long))}
    full = [w for w in texts(long).split() if w.startswith("output-") and w.endswith("-full.txt")][0]
    read_back = texts(await session.call_tool("read_file", {"name": full, "offset": 45000}))
    seen["readBack"] = {"start": read_back[:10], "end": read_back[-20:], "length": len(read_back)}

    await session.call_tool("write_file", {"name": "data/numbers.csv", "content": "n\n1\n2\n3\n"})
    total = await session.call_tool("execute_code", {"code": "import pandas as pd\n"
                                                               "pd.read_csv('data/numbers.csv')['n'].sum()"})
    seen["csvSum"] = texts(total)

    missing = await session.call_tool("read_file", {"name": "no-such-file.txt"})
    seen["missing"] = {"text": texts(missing), "isError": missing.is_error}

    progress = []
    with anyio.CancelScope() as scope:
        async def on_progress(value, total_, message):
            progress.append({"progress": value, "message": message})
            scope.cancel()
        await session.call_tool("execute_code", {"code": "import time\nfor i in range(300):\n"
                                                           "    print(i, flush=True)\n    time.sleep(0.1)"},
                                progress_callback=on_progress)
    seen["progress"] = progress
    with anyio.fail_after(30):
        after = await session.call_tool("execute_code", {"code": "print('loop stopped at', i)"})
    seen["afterCancel"] = texts(after)
    seen["kernelspecs"] = texts(await session.call_tool("list_kernelspecs", {}))
    seen["notebook"] = texts(await session.call_tool("export_notebook", {}))
    return seen


async def main():
    with anyio.fail_after(300):   # a server that never answers fails the test instead of hanging it
        await drive(sys.argv[1])


async def drive(mode):
    if mode == "stdio":
        params = StdioServerParameters(command=sys.argv[2], args=sys.argv[3:])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                seen = await scenario(session)
    else:
        url, token = sys.argv[2], sys.argv[3]
        async with create_mcp_http_client(headers={"Authorization": "Bearer " + token}) as http:
            async with streamable_http_client(url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    seen = await scenario(session)
    print(json.dumps(seen))


anyio.run(main)
