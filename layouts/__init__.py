"""The Dash dashboard of the atlas: layout functions, callbacks and their helpers.

One module per idea: ``ids`` (component ids), ``i18n`` (the translation table),
``data`` (the one data-access layer), ``engine`` (adapter to :mod:`potentials`),
``geometry``/``classes``/``mapfig`` (map geometry, classes, figure and Patch),
``state`` (URL state), ``shell``/``routing`` (page and navigation) and one module per
view (``map_view``, ``profile``, ``compare``, ``types_view``, ``uncertainty``,
``export``, ``about``) holding its layout function and its ``@dash.callback`` functions.
:func:`layouts.app_factory.create_app` wires them into an app.
"""
