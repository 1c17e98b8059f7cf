"""The one error type of the several-bidder layer."""
from __future__ import annotations


class AuctionError(ValueError):
    """Invalid auction input (bidder count, mean, allocation, tie-breaking); the message names the problem."""
