# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES's global components, under their import names, on every board
(tests/system/apps/global-components, in CAmkES's layout): Tessera's
TimeServer (`import <TimeServer/TimeServer.camkes>;`, seL4TimeServer from
`import <global-connectors.camkes>;`) gives each client periodic, relative and
absolute timeouts, time() and completed(), and signals the client's
notification, which it waits on with seL4_Wait(); Tessera's SerialServer
(`import <SerialServer/SerialServer.camkes>;`) prints two clients' characters
(through processed_putchar, and one line through raw_putchar)
on the board's UART and keeps their lines whole: the ticker's lines, printed
while the client is half-way through a line, come after that line; two
readers read lines typed on the console through GetChar (seL4SerialServer:
a ring buffer shared with the server, and a notification), the one chosen by
typing '@' and its number."""

import pytest

from conftest import BOARDS, board_arch

APP = "tests/system/apps/global-components"
TICKER = "ticker: a whole line from the ticker, however the client interleaves"


@pytest.mark.parametrize("board", BOARDS)
def test_time_server_and_serial_server(boot, board):
    b = boot(APP, board)
    b.expect(r"client: a line in two halves, the second after a wait\r*\n")
    for _ in range(4):
        b.expect(rf"{TICKER}\r*\n")
    b.expect(r"ticker: done\r*\n")
    b.expect(r"ticker: raw bytes, carriage return included\r*\n")
    for tick in (1, 2, 3):
        b.expect(rf"client: periodic tick {tick}, completed 0x1\r*\n")
    b.expect(r"client: 3 periods took at least 30 ms: yes\r*\n")
    b.expect(r"client: relative timeout on timer 1, completed 0x2\r*\n")
    b.expect(r"client: absolute timeout after its deadline\r*\n")
    b.expect(r"time_server: periodic: no timer 2 for client 2 \(timers 0-1\)")
    b.expect(r"client: timer 2 refused")
    if board_arch(board) == "x86_64":                # CAmkES's pc99 Timer method
        b.expect(r"client: TSC at one or more MHz")
    b.expect(r"reader: type a line\r*\n")
    b.expect(r"reader2: type a line\r*\n")
    b.child.send("@1for the second\r")           # '@1' at a line's start: input to the second reader
    b.expect(r'reader2: got "for the second"\r*\n')
    b.child.send("@0for the first @ last\r")
    b.expect(r'reader: got "for the first @ last"\r*\n')
    b.expect(r"all control threads finished, status 0")
    status, _ = b.finish()
    assert status == 0
    console = "".join(b.log)
    assert console.count(TICKER) == 4


LONELY = """
import <std_connector.camkes>;
import <TimeServer/TimeServer.camkes>;
import <SerialServer/SerialServer.camkes>;
component Client { control; uses PutChar putchar; }
assembly {
    composition {
        component TimeServer time_server;
        component SerialServer serial;
        component Client client;
        connection seL4RPCCall c(from client.putchar, to serial.raw_putchar);
    }
}
"""


def test_global_components_without_clients(boot, tmp_path):
    """A time server nobody is connected to still builds (its glue has no
    seL4TimeServer side), and a serial server with only a raw client prints."""
    app = tmp_path / "lonely"
    (app / "components" / "Client" / "src").mkdir(parents=True)
    (app / "lonely.camkes").write_text(LONELY)
    (app / "components" / "Client" / "src" / "client.c").write_text(
        '#include <camkes.h>\n'
        'int run(void) { const char *s = "lonely: raw hello\\r\\n"; while (*s) putchar_putchar(*s++); return 0; }\n')
    b = boot(str(app), "qemu-virt-a15")
    b.expect(r"lonely: raw hello")
    b.expect(r"all control threads finished, status 0")
    assert b.finish()[0] == 0
