"""The doors: building controllers kept in step with the cards (R4, R6, R7).

controllers.py  the card-system record: add / list / remove controllers of a building
desired.py      what a door should hold for a card number (status, valid dates, doors)
drivers.py      one interface; uhppote.py (UDP/TCP boards) and whitelist.py (installer files)
push.py         push pending door jobs, with backoff, in order per card
lane.py         the background lane that runs push.py off the GUI and database threads
reconcile.py    three-way compare controller / desk / district, and the audited fix
check.py        the daily check (R7): status, clock drift, last event, fault tickets
"""
