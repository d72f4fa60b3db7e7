"""Every write of Cipher–IT's work, by area: the cipher-machine room (`room`), the message
register (`register`), equipment and network inspections (`equipment`), IT support
(`support`). Rights requests are `units.services.privileged_change_*` and `units.rights`."""
