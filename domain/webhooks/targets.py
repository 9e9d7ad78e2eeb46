"""Where a webhook may point: http(s) URLs whose host resolves only to public
addresses, so that a partner cannot make the server call its own network (SSRF)."""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from domain.errors import DomainError, ErrorCode

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _refused(message: str) -> DomainError:
    return DomainError(message, code=ErrorCode.WEBHOOK_URL_REFUSED, field="url")


def _is_public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def _addresses(host: str, port: int) -> list[IpAddress]:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )
    except socket.gaierror as exc:
        raise _refused(f"The host {host!r} cannot be resolved: check the URL.") from exc
    return [ipaddress.ip_address(info[4][0]) for info in infos]


async def check_target(url: str, allowed_networks: list[IpNetwork]) -> None:
    """Raise WEBHOOK_URL_REFUSED unless `url` is http(s) and every address its
    host resolves to is public or inside `allowed_networks`. Called when a
    webhook is saved and again before each delivery (DNS can change)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _refused("A webhook URL must start with https:// (or http://).")
    if parts.username or parts.password:
        raise _refused("Put no credentials in the URL: deliveries are signed.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise _refused("The URL's port is not a number between 0 and 65535.") from exc
    for address in await _addresses(parts.hostname, port):
        if _is_public(address) or any(address in n for n in allowed_networks):
            continue
        raise _refused(
            f"{parts.hostname} resolves to {address}, a private, loopback or"
            " reserved address: webhooks must reach a public server."
        )


def parse_networks(networks: list[str]) -> list[IpNetwork]:
    """WEBHOOK_ALLOWED_NETWORKS as networks (a bad entry fails at start)."""
    return [ipaddress.ip_network(n, strict=False) for n in networks]
