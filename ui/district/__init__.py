"""The street office's window (街道办): the same application signed in to a district."""
