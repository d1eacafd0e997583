"""The open desk: data folder, clock, errors, lock, busy database, centre set-up."""
