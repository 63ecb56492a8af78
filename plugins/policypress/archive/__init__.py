"""The archive: documents and their versions as plain data, read from Git history and from versions
kept on file, with the permanent addresses they are published at."""
