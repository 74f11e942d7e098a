"""``pat-graph serve``: the analyst's workbench in the browser (a thin shell over
:func:`pat_graph.web.create_app`)."""

from __future__ import annotations

import click

from pat_graph.cli.common import store_option


@click.command("serve")
@store_option
@click.option("--puerto", "port", type=click.IntRange(0, 65535), default=8765,
              show_default=True, help="Puerto en que escucha (0: uno libre).")
@click.option("--host", "host", default="127.0.0.1", show_default=True,
              help="Dirección en que escucha. Otra que no sea esta máquina exige --token.")
@click.option("--token", "token", envvar="PAT_GRAPH_TOKEN", default=None, metavar="CLAVE",
              help="Clave de acceso que el navegador debe presentar (?token=… una vez, o "
                   "Authorization: Bearer …); sin ella, 401. También PAT_GRAPH_TOKEN.")
@click.option("--abrir", "open_browser", is_flag=True,
              help="Abrir la dirección en el navegador al iniciar.")
@click.option("--limite-carga", "upload_mb", type=click.IntRange(1, 2048), default=50,
              show_default=True, metavar="MB",
              help="Tamaño máximo de un archivo subido en Cargar datos (MB); más grande: 413.")
def serve_command(store: str | None, port: int, host: str, token: str | None,
                  open_browser: bool, upload_mb: int) -> None:
    """Banco de trabajo: mapa, ranking, búsqueda, departamentos y actores en el navegador.

    Abre una aplicación web local sobre el almacén (SQLite o Neo4j): las mismas cifras que
    los comandos y las fichas, calculadas por las mismas funciones. En «Cargar datos» se
    sube un libro .xlsx o un .zip de CSV, se ve su validación y se confirma la carga (la
    misma de `pat-graph load`), hasta --limite-carga MB. Escucha solo en esta
    máquina (127.0.0.1) salvo que se pida otra dirección con --host, y entonces exige una
    clave (--token). Cada página acepta ?fecha=DD/MM/AAAA (fecha de corte) y ?formato=json.
    Ctrl+C lo detiene.

    \b
    Ejemplos:
      pat-graph serve
      pat-graph serve --almacen demo/pat.sqlite --puerto 8080 --abrir
      pat-graph serve --host 0.0.0.0 --token "una-clave-larga"
      pat-graph serve --almacen bolt://localhost:7687
    """
    from werkzeug.serving import make_server

    from pat_graph.web import check_host, create_app

    check_host(host, token)
    app = create_app(store, token=token, check_seconds=1.0, max_upload_mb=upload_mb)
    server = make_server(host, port, app, threaded=True)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_port}/"
    click.echo(f"Banco de trabajo pat-graph en {url}  (almacén: "
               f"{app.extensions['pat_graph_workbench'].shown_location}; Ctrl+C para salir)")
    if token:
        click.echo("Acceso con clave: abra la dirección con ?token=<su clave> una vez.")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    import threading

    threading.Thread(target=_warm, args=(app,), name="pat-graph-warm", daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Servidor detenido.")
    finally:
        server.server_close()


def _warm(app) -> None:
    """Fill the cache in the background; a failure is only logged (pages report it)."""
    import logging

    try:
        app.extensions["pat_graph_warm"]()
    except Exception:  # noqa: BLE001 - the page that needs it will show the error
        logging.getLogger("pat_graph.web").exception("no se pudo precalcular")


COMMANDS = [serve_command]
